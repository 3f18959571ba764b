"""Who am I: the signed-in user's roles and where they hold them."""

from django.http import HttpRequest
from ninja import Router, Schema

from jejaring.accounts.scope import Role, scope_of
from jejaring.regions.selectors import region_list_for

router = Router(tags=["accounts"])


class RegionOut(Schema):
    id: int
    code: str
    name: str


class MeOut(Schema):
    username: str
    full_name: str
    roles: list[str]
    regions: list[RegionOut]


@router.get("/me", response=MeOut, summary="The signed-in user")
def me(request: HttpRequest) -> MeOut:
    user = request.user
    scope = scope_of(user)
    return MeOut(
        username=user.get_username(),
        full_name=getattr(user, "full_name", ""),
        roles=[role.value for role in Role if role in scope.roles],
        regions=[RegionOut(id=r.pk, code=r.code, name=r.name) for r in region_list_for(actor=user)],
    )
