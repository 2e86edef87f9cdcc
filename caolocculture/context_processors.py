from .models import Role
from .permissions import Action, can, role_of


def app(request) -> dict:
    user = request.user
    role = role_of(user)
    return {
        "user_role": Role(role).label if role else "",
        "can_use_admin": can(user, Action.USE_ADMIN),
        "can_view_commune": can(user, Action.VIEW_COMMUNE),
        "can_view_province": can(user, Action.VIEW_PROVINCE),
    }
