from .permissions import RolePerms


def role_perms(request):
    """``perms`` in templates: the login's role in the council of the page decides."""
    return {"perms": RolePerms(request.user)}
