"""StreamField blocks of lesson pages and content pages.

Each block renders through its own template in ``templates/blocks/``. The
knowledge-check block keeps its answer key on the server: its template only
ever receives :meth:`QuizBlock.public_questions`, never the ``correct`` flags
or explanations.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading level 2")), ("h3", _("Heading level 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it (required)."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        help_text=_("Leave empty to use the document's title."),
    )
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "blocks/document_block.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video URL"))
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    transcript = blocks.RichTextBlock(
        label=_("Transcript or summary"),
        required=False,
        features=RICH_TEXT_FEATURES,
        help_text=_("A transcript makes the video accessible."),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[
            ("info", _("Information")),
            ("tip", _("Tip from practice")),
            ("warning", _("Important")),
        ],
        default="info",
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Call-out box")
        template = "blocks/callout_block.html"


class QuizOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer option"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)


class QuizQuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=500)
    options = blocks.ListBlock(QuizOptionBlock(), label=_("Answer options"), min_num=2)
    explanation = blocks.TextBlock(
        label=_("Explanation"),
        required=False,
        help_text=_("Shown after the answer has been submitted."),
    )

    def clean(self, value):
        value = super().clean(value)
        if not any(option["correct"] for option in value["options"]):
            raise StructBlockValidationError(
                block_errors={
                    "options": ValidationError(_("Mark at least one answer option as correct."))
                }
            )
        return value


class QuizBlock(blocks.StructBlock):
    """A knowledge check (Wissenscheck), graded on the server."""

    title = blocks.CharBlock(label=_("Title"), default=_("Knowledge check"), max_length=200)
    intro = blocks.TextBlock(label=_("Introduction"), required=False)
    pass_percentage = blocks.IntegerBlock(
        label=_("Pass mark (percent of questions answered correctly)"),
        min_value=0,
        max_value=100,
        default=80,
    )
    questions = blocks.ListBlock(QuizQuestionBlock(), label=_("Questions"), min_num=1)

    class Meta:
        icon = "tasks"
        label = _("Knowledge check")
        template = "blocks/quiz_block.html"

    @staticmethod
    def public_questions(value):
        """What the browser may see: questions and option texts, no answer key."""
        questions = []
        for q_index, question in enumerate(value["questions"]):
            correct_count = sum(1 for option in question["options"] if option["correct"])
            questions.append(
                {
                    "number": q_index + 1,
                    "text": question["question"],
                    "multiple": correct_count > 1,
                    "options": [
                        {"index": o_index, "text": option["text"]}
                        for o_index, option in enumerate(question["options"])
                    ],
                }
            )
        return questions

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["title"] = value["title"]
        context["intro"] = value["intro"]
        context["pass_percentage"] = value["pass_percentage"]
        context["questions"] = self.public_questions(value)
        # The raw value (with the answer key) must not reach the template.
        context["value"] = None
        context["self"] = None
        return context


class ReflectionBlock(blocks.StructBlock):
    """A reflection prompt; the trainee's answer is stored by the lms app."""

    prompt = blocks.CharBlock(label=_("Reflection question"), max_length=500)
    guidance = blocks.TextBlock(label=_("Guidance"), required=False)

    class Meta:
        icon = "edit"
        label = _("Reflection prompt")
        template = "blocks/reflection_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    """Blocks for general content pages."""

    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="blocks/paragraph_block.html"
    )
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    document = DocumentBlock()
    video = VideoBlock()
    callout = CalloutBlock()


class LessonStreamBlock(BaseStreamBlock):
    """Blocks for lessons: general content plus knowledge checks and reflections."""

    quiz = QuizBlock()
    reflection = ReflectionBlock()
