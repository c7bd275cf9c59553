"""The declaration of personal data covers every model that links to a person."""

import dataclasses

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist

from lms.privacy import registry


def test_registry_every_model_linking_to_a_person_is_declared_or_excluded():
    assert registry.undeclared_models() == []


def test_registry_walks_all_installed_apps():
    labels = {model._meta.label for model in apps.get_models()}
    # The check sees the models of allauth, MFA, Wagtail and the task queue too.
    assert {"account.EmailAddress", "mfa.Authenticator", "wagtailcore.ModelLogEntry"} <= labels
    assert any(label.startswith("django_tasks_database.") for label in labels)
    declared = registry.declared()
    assert {"account.EmailAddress", "mfa.Authenticator", "wagtailcore.ModelLogEntry"} <= set(
        declared
    )


def test_registry_undeclared_direct_link_is_reported(monkeypatch):
    without_notice = tuple(e for e in registry.REGISTRY if e.model_label != "lms.Notice")
    monkeypatch.setattr(registry, "REGISTRY", without_notice)
    assert registry.undeclared_models() == ["lms.Notice"]


def test_registry_undeclared_link_through_declared_model_is_reported(monkeypatch):
    # EmailConfirmation has no user field: it links through EmailAddress.
    without = tuple(e for e in registry.REGISTRY if e.model_label != "account.EmailConfirmation")
    monkeypatch.setattr(registry, "REGISTRY", without)
    assert registry.undeclared_models() == ["account.EmailConfirmation"]


def test_registry_new_model_on_enrolment_is_reported(monkeypatch):
    # Without the declaration of LessonCompletion, its link via Enrolment is found.
    without = tuple(e for e in registry.REGISTRY if e.model_label != "lms.LessonCompletion")
    monkeypatch.setattr(registry, "REGISTRY", without)
    assert registry.undeclared_models() == ["lms.LessonCompletion"]


def test_registry_excluded_models_have_reasons_and_exist():
    for label, reason in registry.EXCLUDED.items():
        apps.get_model(label)
        assert len(str(reason)) > 40
        assert label not in registry.declared()


def _field_or_attribute(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return getattr(model, name)


def test_registry_declared_fields_exist():
    for entry in registry.entries():
        model = entry.model
        for path in entry.export:
            _field_or_attribute(model, path.split(".")[0])
        for name in entry.anonymise:
            model._meta.get_field(name)
        for lookup in entry.subject:
            if lookup != "pk":
                first = model._meta.get_field(lookup.split("__")[0])
                assert first.is_relation
        for name in entry.actors:
            assert model._meta.get_field(name).related_model is get_user_model()
        assert entry.subject or entry.queryset is not None, entry.model_label


def test_registry_anonymised_entries_name_fields_only_when_kept():
    for entry in registry.entries():
        if entry.anonymise:
            assert entry.retention == registry.Retention.ANONYMISE, entry.model_label


def test_registry_entries_are_one_line_with_a_preset():
    entry = registry.PersonalData(
        "lms.Notice", ("user",), export=("kind",), **registry.QUALIFICATION_RECORD
    )
    assert dataclasses.replace(entry).retention == registry.Retention.DELETE
