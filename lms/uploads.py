"""Checks on uploaded files beyond their name.

Wagtail checks an image's content (Pillow must read it; size and pixel limits
in settings) but accepts any document whose name ends in an allowed
extension. A document must therefore also look like what its extension
claims: a "PDF" that is really an HTML page or an executable is refused,
because it would be served to trainees as a download from our domain.
"""

import os
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

# The first bytes each kind of document starts with.
ZIP_MAGIC = b"PK\x03\x04"
MAGIC_BY_EXTENSION = {
    "pdf": (b"%PDF-",),
    "docx": (ZIP_MAGIC,),
    "xlsx": (ZIP_MAGIC,),
    "pptx": (ZIP_MAGIC,),
    "odt": (ZIP_MAGIC,),
    "ods": (ZIP_MAGIC,),
    "odp": (ZIP_MAGIC,),
    "rtf": (b"{\\rtf",),
}
TEXT_EXTENSIONS = {"csv", "txt"}
# Office Open XML and OpenDocument files are ZIP archives with a known member.
ZIP_MEMBER_BY_EXTENSION = {
    "docx": "[Content_Types].xml",
    "xlsx": "[Content_Types].xml",
    "pptx": "[Content_Types].xml",
    "odt": "mimetype",
    "ods": "mimetype",
    "odp": "mimetype",
}


def _extension(name: str) -> str:
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def validate_document_content(upload) -> None:
    """Refuse a document whose content does not match its extension."""
    extension = _extension(upload.name)
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    try:
        error = ValidationError(
            _(
                "The file “%(name)s” is not a real %(type)s file: its content does not "
                "match its name. Please upload the original document."
            ),
            code="content_mismatch",
            params={"name": os.path.basename(upload.name), "type": extension.upper()},
        )
        if extension in MAGIC_BY_EXTENSION:
            if not head.startswith(MAGIC_BY_EXTENSION[extension]):
                raise error
            member = ZIP_MEMBER_BY_EXTENSION.get(extension)
            if member:
                try:
                    with zipfile.ZipFile(upload) as archive:
                        archive.getinfo(member)
                except (zipfile.BadZipFile, KeyError) as exc:
                    raise error from exc
        elif extension in TEXT_EXTENSIONS:
            if b"\x00" in head or head.lstrip().lower().startswith((b"<!doctype", b"<html")):
                raise error
            try:
                head.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    head.decode("cp1252")
                except UnicodeDecodeError as exc:
                    raise error from exc
    finally:
        upload.seek(position)


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form (single and multiple upload) with the content check."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "read") and not getattr(upload, "_committed", False):
            validate_document_content(upload)
        return upload
