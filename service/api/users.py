"""Users and keys over HTTP, for admins: who may do what, and keys to hand out."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy.orm import Session

from service.api.deps import Admin, PlainText, RowId, SessionDep
from service.api.schemas import (
    ErrorResponse,
    IssuedKeyOut,
    NewUserRequest,
    RoleRequest,
    UserAdminOut,
)
from store.models import User
from store.users import (
    create_user,
    get_user,
    issue_api_key,
    list_users,
    revoke_api_key,
    set_role,
)

router = APIRouter(tags=["users"])

ADMIN_ONLY = {
    401: {"model": ErrorResponse, "description": "missing, unknown or revoked API key"},
    403: {"model": ErrorResponse, "description": "the key's role is not admin"},
}


def _issued(*, session: Session, user: User) -> IssuedKeyOut:
    issued = issue_api_key(session=session, user=user)
    return IssuedKeyOut(
        user=UserAdminOut.model_validate(user), key=issued.key, prefix=issued.prefix
    )


@router.get("/users", summary="Every user and their role", responses=ADMIN_ONLY)
def get_users(session: SessionDep, admin: Admin) -> list[UserAdminOut]:
    return [UserAdminOut.model_validate(user) for user in list_users(session=session)]


@router.post(
    "/users",
    status_code=201,
    summary="Create a user with a role; the answer holds their first API key, shown once",
    responses={**ADMIN_ONLY, 409: {"model": ErrorResponse, "description": "name taken"}},
)
def post_user(session: SessionDep, admin: Admin, body: NewUserRequest) -> IssuedKeyOut:
    user = create_user(session=session, name=body.name, role=body.role)
    return _issued(session=session, user=user)


@router.patch("/users/{user_id:int}", summary="Change a user's role", responses=ADMIN_ONLY)
def patch_user(
    session: SessionDep, admin: Admin, user_id: RowId, body: RoleRequest
) -> UserAdminOut:
    return UserAdminOut.model_validate(set_role(session=session, user_id=user_id, role=body.role))


@router.post(
    "/users/{user_id:int}/keys",
    status_code=201,
    summary="A new API key for a user (shown once)",
    responses=ADMIN_ONLY,
)
def post_key(session: SessionDep, admin: Admin, user_id: RowId) -> IssuedKeyOut:
    return _issued(session=session, user=get_user(session=session, user_id=user_id))


@router.delete(
    "/keys/{prefix}",
    status_code=204,
    summary="Revoke the live keys starting with a prefix (their sessions end too)",
    responses=ADMIN_ONLY,
)
def delete_key(session: SessionDep, admin: Admin, prefix: PlainText) -> None:
    revoke_api_key(session=session, prefix=prefix)
