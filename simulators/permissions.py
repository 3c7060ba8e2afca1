"""Who may do what with builds, for the API: the project's own permissions, never ``is_staff`` alone."""

from rest_framework.permissions import BasePermission

# Django's model permissions of builds; the project's own ones live next to the model.
ADD_PERMISSION = "simulators.add_simulatorbuild"
VIEW_PERMISSION = "simulators.view_simulatorbuild"
DELETE_PERMISSION = "simulators.delete_simulatorbuild"


class HasBuildPermission(BasePermission):
    """Grants a view its ``required_permission`` (a Django permission string) and nothing else."""

    def has_permission(self, request, view):
        return request.user.has_perm(view.required_permission)


def may_abort(user, build):
    """An unfinished upload may be aborted by whoever started it, or by someone who may delete builds."""
    started_it = build.uploaded_by_id is not None and build.uploaded_by_id == user.pk
    return started_it or user.has_perm(DELETE_PERMISSION)
