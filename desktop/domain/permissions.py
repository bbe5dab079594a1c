"""Which action is open in which state, to which role: the one table the screens ask."""
from __future__ import annotations

from enum import StrEnum

from .actor import Actor
from .enums import ANSWERED_STATES, ASSIGNED_STATES, FILED_STATES, IN_HAND_STATES, State, UserRole
from .errors import NotAllowed


class Action(StrEnum):
    REGISTER = "register"
    EDIT = "edit"
    SUBMIT = "submit"
    FORWARD = "forward"
    FILE = "file"
    REJECT = "reject"
    REFER = "refer"
    RETURN = "return"
    MERGE = "merge"
    SPLIT = "split"
    WITHDRAW = "withdraw"
    UNDO_REVIEW = "undo_review"
    NUMBER = "number"
    ASSIGN = "assign"
    ACCEPT = "accept"
    RETURN_ASSIGNMENT = "return_assignment"
    REQUEST_ADJUSTMENT = "request_adjustment"
    DECIDE_ADJUSTMENT = "decide_adjustment"
    EXTEND = "extend"
    RECORD_CONTACT = "record_contact"
    REPLY = "reply"
    EVALUATE = "evaluate"
    ASSIST_OPINION = "assist_opinion"
    REHANDLE = "rehandle"
    FOLLOW_UP = "follow_up"
    MARK_KEY = "mark_key"
    MARK_EXCELLENT = "mark_excellent"
    SUPERVISE = "supervise"
    MANAGE_BASE_DATA = "manage_base_data"
    MANAGE_USERS = "manage_users"
    EXCHANGE = "exchange"  # 发送数据 / 接收数据 / 冲突
    ENROL = "enrol"  # 登记、停用站点


_OFFICE = frozenset({UserRole.ADMIN, UserRole.STAFF})
_REVIEW = frozenset({UserRole.ADMIN, UserRole.REVIEWER})
_UNIT_WORK = frozenset({UserRole.ADMIN, UserRole.STAFF, UserRole.UNIT})
_ANY = frozenset(State)
_IN_HAND = IN_HAND_STATES
_ANSWERED = ANSWERED_STATES
_AFTER_ASSIGN = ASSIGNED_STATES
_UNDOABLE = frozenset(
    {State.REGISTERED, State.IN_REVIEW, State.FILED, State.REJECTED, State.REFERRED,
     State.MERGED, State.WITHDRAWN}
)

# action → (states in which it is open, roles that may take it)
ALLOWED: dict[Action, tuple[frozenset[State], frozenset[UserRole]]] = {
    Action.REGISTER: (_ANY, _OFFICE),
    Action.EDIT: (frozenset({State.REGISTERED, State.IN_REVIEW}), _OFFICE | _REVIEW),
    Action.SUBMIT: (frozenset({State.REGISTERED}), _OFFICE),
    Action.FORWARD: (frozenset({State.IN_REVIEW}), _REVIEW),
    Action.FILE: (frozenset({State.IN_REVIEW}), _REVIEW),
    Action.REJECT: (frozenset({State.IN_REVIEW}), _REVIEW),
    Action.REFER: (frozenset({State.IN_REVIEW}), _REVIEW),
    Action.RETURN: (frozenset({State.IN_REVIEW}), _REVIEW),
    Action.MERGE: (frozenset({State.IN_REVIEW}), _REVIEW),
    Action.SPLIT: (frozenset({State.IN_REVIEW}), _REVIEW),
    Action.WITHDRAW: (frozenset({State.REGISTERED, State.IN_REVIEW, State.FILED}), _OFFICE),
    Action.UNDO_REVIEW: (_UNDOABLE, _REVIEW),
    Action.NUMBER: (FILED_STATES, _OFFICE),
    Action.ASSIGN: (frozenset({State.FILED}) | _IN_HAND, _OFFICE),
    Action.ACCEPT: (_IN_HAND, _UNIT_WORK),
    Action.RETURN_ASSIGNMENT: (_IN_HAND, _UNIT_WORK),
    Action.REQUEST_ADJUSTMENT: (_IN_HAND, _UNIT_WORK),
    Action.DECIDE_ADJUSTMENT: (_IN_HAND, _OFFICE),
    Action.EXTEND: (_IN_HAND, _OFFICE),
    Action.RECORD_CONTACT: (_AFTER_ASSIGN, _UNIT_WORK),
    Action.REPLY: (_IN_HAND, _UNIT_WORK),
    Action.ASSIST_OPINION: (_AFTER_ASSIGN, _UNIT_WORK),
    Action.EVALUATE: (frozenset({State.HANDLING, State.REPLIED}), _OFFICE),
    Action.REHANDLE: (frozenset({State.HANDLING}) | _ANSWERED, _OFFICE),
    Action.FOLLOW_UP: (frozenset({State.HANDLING}) | _ANSWERED, _UNIT_WORK),
    Action.MARK_KEY: (FILED_STATES, _OFFICE),
    Action.MARK_EXCELLENT: (FILED_STATES, _OFFICE),
    Action.SUPERVISE: (FILED_STATES, _OFFICE),
    Action.MANAGE_BASE_DATA: (_ANY, _OFFICE),
    Action.MANAGE_USERS: (_ANY, frozenset({UserRole.ADMIN})),
    Action.EXCHANGE: (_ANY, _UNIT_WORK),
    Action.ENROL: (_ANY, frozenset({UserRole.ADMIN})),
}


def allowed(action: Action, state: State | None, role: UserRole) -> bool:
    states, roles = ALLOWED[action]
    return role in roles and (state is None or state in states)


def require(action: Action, state: State | None, role: UserRole) -> None:
    """Raise the error the user should see when the action is not open."""
    states, roles = ALLOWED[action]
    if role not in roles:
        raise NotAllowed("role_not_allowed", action=action.value, role=role.value)
    if state is not None and state not in states:
        raise NotAllowed("state_not_allowed", action=action.value, state=state.value)


def belongs_to_unit(role: UserRole) -> bool:
    """Only a 承办单位经办人 belongs to a unit; every other account is the office's."""
    return role is UserRole.UNIT


def sees_all_proposals(role: UserRole) -> bool:
    """Unit mode: a 承办单位经办人 sees their unit's assignments only, not the office's lists."""
    return not belongs_to_unit(role)


NO_UNIT = "-"  # no unit has this id: a unit's account whose unit is missing sees nothing


def unit_scope(actor: Actor) -> str | None:
    """The one unit whose work this actor may see and touch, or None when they see all."""
    return None if sees_all_proposals(actor.role) else actor.unit_id or NO_UNIT


def reaches_unit(actor: Actor, unit_id: str) -> bool:
    """Whether this actor may see and act on work assigned to ``unit_id``."""
    return unit_scope(actor) in (None, unit_id)


def actions_for(state: State | None, role: UserRole) -> list[Action]:
    """The actions a screen may offer for a proposal in ``state`` to a user in ``role``."""
    return [a for a in Action if allowed(a, state, role)]
