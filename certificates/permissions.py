"""Who may do what with certificates in the Wagtail admin."""

from wagtail.permission_policies import ModelPermissionPolicy

READ_ONLY_ACTIONS = ("add", "change", "delete")


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """View only, for everyone including superusers.

    Certificates are issued, re-issued and revoked only through the service
    functions in ``certificates/issuing.py``, never by editing a row.
    """

    def user_has_permission(self, user, action):
        if action in READ_ONLY_ACTIONS:
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        allowed = [action for action in actions if action not in READ_ONLY_ACTIONS]
        if not allowed:
            return super().users_with_any_permission(["view"]).none()
        return super().users_with_any_permission(allowed)
