"""The plan a planner session is editing, and the messages and questions that outlive a rerun.

The plan lives in ``st.session_state`` as JSON (:data:`PLAN_KEY`). The widgets that edit its
settings are keyed by the plan's *revision*: opening a plan, starting a new one or replacing it
bumps the revision, so every widget is created afresh from the plan's own values instead of
keeping the previous plan's (the cause of plans reopening with another start, date or mode).

``ORIGIN_KEY`` remembers which stored plan (name, version, and this user's access to it) the
session opened, so saving it again updates that plan (or, read-only, makes a copy), and saving
anything else under a taken name asks first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from geo.errors import BorderAtlasError
from planner.plan import Plan
from ui import flash as flashes

PLAN_KEY = "plan_json"
ORIGIN_KEY = "plan_origin"
REVISION_KEY = "plan_revision"
QUESTION_KEY = "planner_question"
FLASH_SLOT = "planner"


@dataclass(frozen=True)
class Origin:
    """The stored plan this session opened (or last saved): its name and version, and the
    user's ``access`` to it (``owner``, ``edit`` or ``read``: a read-only plan saves as a copy)."""

    name: str
    version: int
    access: str = "owner"

    @property
    def read_only(self) -> bool:
        """Whether saving this plan may only make a copy.

        Examples
        --------
        >>> Origin("Trip", 2, "read").read_only, Origin("Trip", 2).read_only
        (True, False)
        """
        return self.access == "read"


def has_plan() -> bool:
    return PLAN_KEY in st.session_state


def current_plan() -> Plan:
    """The plan being edited (call :func:`load_plan` first in a new session)."""
    return Plan.from_json(st.session_state[PLAN_KEY])


def set_plan(plan: Plan) -> None:
    """Replace the plan's content, keeping the widgets (a stop added, moved, removed…)."""
    st.session_state[PLAN_KEY] = plan.to_json()


def load_plan(plan: Plan, *, origin: Origin | None) -> None:
    """Make ``plan`` the one being edited, with widgets created from its own values."""
    st.session_state[PLAN_KEY] = plan.to_json()
    st.session_state[ORIGIN_KEY] = origin
    st.session_state[REVISION_KEY] = revision() + 1
    st.session_state.pop(QUESTION_KEY, None)


def origin() -> Origin | None:
    """The stored plan this session opened or saved, if any."""
    return st.session_state.get(ORIGIN_KEY)


def set_origin(value: Origin | None) -> None:
    st.session_state[ORIGIN_KEY] = value


def revision() -> int:
    return int(st.session_state.get(REVISION_KEY, 0))


def widget_key(name: str) -> str:
    """Key of a widget that shows a value of the plan: new for each loaded plan."""
    return f"w_{name}_{revision()}"


def flash(kind: str, text: str) -> None:
    """A message (``success``, ``info``, ``warning``, ``error``) shown on the next run.

    ``text`` is Markdown: a name from data or users in it must be escaped
    (:func:`ui.language.said`, :func:`ui.language.as_text`).
    """
    flashes.put(FLASH_SLOT, kind, text)


def flash_failure(error: BorderAtlasError) -> None:
    """Why a planner action failed (:func:`ui.flash.failure`)."""
    flashes.failure(FLASH_SLOT, error, where="planner")


def show_flash() -> None:
    """Show, once, the message left by the last action."""
    flashes.show(FLASH_SLOT)


def ask(question: dict[str, Any]) -> None:
    """Keep a question for the user (replace or rename; delete?) until it is answered."""
    st.session_state[QUESTION_KEY] = question


def question() -> dict[str, Any] | None:
    return st.session_state.get(QUESTION_KEY)


def answered() -> None:
    st.session_state.pop(QUESTION_KEY, None)
