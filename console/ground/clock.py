"""Local time of the event (Asia/Ho_Chi_Minh) and a clock tests can move."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

try:
    from zoneinfo import ZoneInfo

    VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
except Exception:  # no tz database on the machine: Vietnam has had no DST since 1975
    VN_TZ = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")


class Clock:
    """Wall clock in Vietnam time. Replace `offset` or use `FakeClock` in tests."""

    def now(self) -> datetime:
        return datetime.now(VN_TZ)


class FakeClock(Clock):
    def __init__(self, start: datetime):
        self._now = start if start.tzinfo else start.replace(tzinfo=VN_TZ)

    def now(self) -> datetime:
        return self._now

    def advance(self, seconds: float = 0, minutes: float = 0) -> None:
        self._now += timedelta(seconds=seconds, minutes=minutes)


SYSTEM = Clock()


def iso(ts: datetime) -> str:
    return ts.astimezone(VN_TZ).isoformat(timespec="milliseconds")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(VN_TZ)


def hhmm(ts: datetime) -> str:
    return ts.astimezone(VN_TZ).strftime("%H:%M")


def hhmmss(ts: datetime) -> str:
    return ts.astimezone(VN_TZ).strftime("%H:%M:%S")

