"""Fixtures for the IVR tests: the shipped menu and contexts in and out of hours."""

from __future__ import annotations

import pytest

from channels.ivr import IvrContext
from channels.ivr_menus import IvrMenu, load_menu
from tests.unit.ivr.twiml_check import BASE_URL

ONCALL_FALLBACK = "+447400000999"
ADVISORS = ("+442079460018",)
MOBILE = "+447400123456"
LANDLINE = "+442079460000"


@pytest.fixture(scope="session")
def menu() -> IvrMenu:
    return load_menu()


@pytest.fixture
def open_ctx(menu: IvrMenu) -> IvrContext:
    return IvrContext(
        base_url=BASE_URL + "/",
        menu=menu,
        open_now=True,
        oncall_fallback_number=ONCALL_FALLBACK,
        advisor_numbers=ADVISORS,
    )


@pytest.fixture
def closed_ctx(menu: IvrMenu) -> IvrContext:
    return IvrContext(
        base_url=BASE_URL,
        menu=menu,
        open_now=False,
        oncall_fallback_number=ONCALL_FALLBACK,
        advisor_numbers=ADVISORS,
    )
