"""Keep the per-programme editor groups in step with the cohorts' trainers."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from lms.models import Cohort


@receiver(m2m_changed, sender=Cohort.trainers.through)
def trainers_changed(sender, instance, action, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    from lms.editors import sync_programme_editors

    if isinstance(instance, Cohort):
        sync_programme_editors(instance.programme)
    else:  # changed from the user's side
        for cohort in Cohort.objects.filter(pk__in=pk_set or []).select_related("programme"):
            sync_programme_editors(cohort.programme)


@receiver([post_save, post_delete], sender=Cohort)
def cohort_changed(sender, instance, **kwargs):
    from lms.editors import sync_programme_editors

    sync_programme_editors(instance.programme)
