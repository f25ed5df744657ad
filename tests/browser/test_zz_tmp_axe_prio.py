import pytest

from tests.browser import test_axe_pages as axe_pages

pytestmark = [pytest.mark.browser, pytest.mark.integration]

PRIO = {
    viewer: [c for c in cases if c.url_name.startswith("prioritisation:")]
    for viewer, cases in axe_pages.PAGES.items()
}
PRIO = {k: v for k, v in PRIO.items() if v}


@pytest.mark.parametrize("viewer", sorted(PRIO))
def test_prio_axe(viewer, transactional_db, live_server, page, monkeypatch):
    monkeypatch.setattr(axe_pages, "PAGES", PRIO)
    print(viewer, [c.id for c in PRIO[viewer]])
    axe_pages.test_every_page_has_no_axe_or_policy_violations(
        viewer, transactional_db, live_server, page
    )
