"""The optional online fallback, driven by a fake geocoder (tests never touch the network)."""

from __future__ import annotations

from geopy.exc import GeocoderTimedOut
from geopy.location import Location
from sqlalchemy import select

from service.db import db
from service.geocode_cache import GeocodeCache
from service.locator import Locator
from service.locks import JobLock
from service.online_geocoder import OnlineFallback


class FakeGeocoder:
    def __init__(self, answers):
        self.answers = answers
        self.calls = []

    def geocode(self, text, exactly_one=True, timeout=None):
        self.calls.append(text)
        answer = self.answers.get(text)
        if isinstance(answer, Exception):
            raise answer
        return answer


LAKEWOOD = Location("Lakewood Ranch, Manatee County, Florida", (27.40, -82.40), {})


def free_the_slot():
    db.session.execute(JobLock.__table__.delete())
    db.session.commit()


def locator_with(app, fake):
    return Locator(app.extensions["kratom.locator"].offline, OnlineFallback(fake, timeout=1))


def test_it_is_off_by_default(app):
    assert app.config["ONLINE_GEOCODER"] == "off"
    assert app.extensions["kratom.locator"].online is None


def test_the_fallback_answers_what_the_offline_data_misses_and_caches_it(app):
    fake = FakeGeocoder({"Lakewood Ranch, FL": LAKEWOOD})
    with app.app_context():
        locator = locator_with(app, fake)
        result = locator.text("Lakewood Ranch, FL")
        assert result.resolver == "online" and result.approximate
        assert result.chain[-1].id == "ocd-division/country:us/state:fl/county:manatee"
        assert result.label == LAKEWOOD.address
        free_the_slot()
        assert locator.text("Lakewood Ranch, FL").chain == result.chain
        assert fake.calls == ["Lakewood Ranch, FL"]  # the second answer came from the cache


def test_offline_answers_never_reach_the_online_geocoder(app):
    fake = FakeGeocoder({})
    with app.app_context():
        locator_with(app, fake).text("Sarasota County, FL")
    assert fake.calls == []


def test_nothing_found_is_cached_but_failures_are_not(app):
    fake = FakeGeocoder({"Qwzxv Plorp": None, "Flaky Place": GeocoderTimedOut("slow")})
    with app.app_context():
        locator = locator_with(app, fake)
        assert locator.text("Qwzxv Plorp") is None
        free_the_slot()
        assert locator.text("Flaky Place") is None
        cached = {row.query: row.result for row in db.session.scalars(select(GeocodeCache))}
        assert cached == {"qwzxv plorp": None}


def test_one_request_per_second_across_processes(app):
    fake = FakeGeocoder({"Place One": LAKEWOOD, "Place Two": LAKEWOOD})
    with app.app_context():
        locator = locator_with(app, fake)
        assert locator.text("Place One") is not None
        assert locator.text("Place Two") is None  # the slot is taken: no wait, no request
    assert fake.calls == ["Place One"]
