"""Dates with the precision the source gives (EDTF level 0): a year, a month or a day.

Ordering: a date sorts at the end of the period it names ("2025" after "2025-12-31", "2025-07"
after "2025-07-31"). A source that gives only the year usually reports something that had
happened by the time it wrote, so the less precise date follows the dated events it may
have followed; it never jumps ahead of them.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# English: Python leaves the time locale at "C" unless a program sets it, and we do not.
MONTH_NAMES = [calendar.month_name[number] for number in range(13)]


class _KeptText:
    __slots__ = ("_iso",)  # the date as text, once asked for (PartialDate.iso)


# Slots: 175,000 dates at 10,000 articles; read back from the article cache by msgspec, each
# would have an attribute dictionary of its own.
@dataclass(frozen=True, eq=True, slots=True)
class PartialDate(_KeptText):
    year: int
    month: int = 0  # 0 when the source gives only the year
    day: int = 0  # 0 when the source gives no day

    @property
    def order_key(self) -> tuple[int, int, int]:
        """The key dates sort by: the end of the period each names (see the module's note)."""
        return (self.year, self.month or 13, self.day or 32)

    # Written out rather than derived by functools.total_ordering: dates are compared hundreds
    # of thousands of times while the pages are planned.
    def __lt__(self, other):
        if not isinstance(other, PartialDate):
            return NotImplemented
        return (self.year, self.month or 13, self.day or 32) < \
            (other.year, other.month or 13, other.day or 32)

    def __gt__(self, other):
        if not isinstance(other, PartialDate):
            return NotImplemented
        return (self.year, self.month or 13, self.day or 32) > \
            (other.year, other.month or 13, other.day or 32)

    def __le__(self, other):
        if not isinstance(other, PartialDate):
            return NotImplemented
        return (self.year, self.month or 13, self.day or 32) <= \
            (other.year, other.month or 13, other.day or 32)

    def __ge__(self, other):
        if not isinstance(other, PartialDate):
            return NotImplemented
        return (self.year, self.month or 13, self.day or 32) >= \
            (other.year, other.month or 13, other.day or 32)

    @property
    def span(self) -> tuple[int, int]:
        """The days (proleptic ordinals) the date covers: [first, after the last)."""
        if not self.month:
            return year_start(self.year), year_start(self.year + 1)
        first = datetime.date(self.year, self.month, self.day or 1).toordinal()
        if self.day:
            return first, first + 1
        return first, first + calendar.monthrange(self.year, self.month)[1]

    def overlaps(self, other: PartialDate) -> bool:
        first, after = self.span
        other_first, other_after = other.span
        return first < other_after and other_first < after

    def within(self, other: PartialDate) -> bool:
        """True when this date lies wholly inside the period ``other`` names."""
        first, after = self.span
        other_first, other_after = other.span
        return other_first <= first and after <= other_after

    @property
    def rank(self) -> int:
        """How precise the date is: 0 a year, 1 a month, 2 a day."""
        return 2 if self.day else 1 if self.month else 0

    @property
    def quarter(self) -> int:
        """1–4, or 0 for a date given only as a year."""
        return (self.month - 1) // 3 + 1 if self.month else 0

    @property
    def iso(self) -> str:
        try:  # asked for a hundred thousand times when sorting and exporting: made once
            return self._iso
        except AttributeError:
            text = f"{self.year:04d}"
            if self.month:
                text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
            object.__setattr__(self, "_iso", text)
            return text

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def label(self) -> str:
        """As a reader reads it: '2025', 'May 2025', '7 May 2025'."""
        if self.day:
            return f"{self.day} {MONTH_NAMES[self.month]} {self.year}"
        if self.month:
            return f"{MONTH_NAMES[self.month]} {self.year}"
        return str(self.year)

    def __str__(self) -> str:
        return self.iso


def year_start(year: int) -> int:
    """The day number (proleptic ordinal) on which a year starts; year 10000 is the day after
    the last one Python's dates know, so a date in 9999 still has an end."""
    if year > datetime.MAXYEAR:
        return datetime.date.max.toordinal() + 1
    return datetime.date(year, 1, 1).toordinal()


def parse_date(value) -> PartialDate | None:
    """A PartialDate for 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' that exists, else None."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    match = _DATE.match(str(value).strip())
    if not match:
        return None
    year = int(match.group(1))
    month = int(match.group(2) or 0)
    day = int(match.group(3) or 0)
    if match.group(2) and not 1 <= month <= 12:
        return None
    if match.group(3) and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    if year < 1:
        return None
    return PartialDate(year, month, day)


_PERIOD = re.compile(r"^(\d{4})-(?:(\d{2})|[Qq]([1-4]))$")


@dataclass(frozen=True, order=True)
class Period:
    """A calendar month or quarter: the periods trends are given for."""

    year: int
    quarter: int = 0  # 1–4 for a quarter
    month: int = 0  # 1–12 for a month

    @property
    def kind(self) -> str:
        return "month" if self.month else "quarter"

    @property
    def months(self) -> tuple[int, int]:
        """The first and last month of the period."""
        if self.month:
            return self.month, self.month
        return 3 * self.quarter - 2, 3 * self.quarter

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}-Q{self.quarter}"

    @property
    def label(self) -> str:
        return f"{MONTH_NAMES[self.month]} {self.year}" if self.month else f"Q{self.quarter} {self.year}"

    def holds(self, date: PartialDate) -> bool:
        """True when the date lies wholly inside the period (a year never does)."""
        first, last = self.months
        return date.year == self.year and first <= date.month <= last and date.month != 0

    def previous(self) -> Period:
        if self.month:
            return Period(self.year - 1, 4, 12) if self.month == 1 else Period(
                self.year, (self.month - 2) // 3 + 1, self.month - 1)
        return Period(self.year - 1, 4) if self.quarter == 1 else Period(self.year, self.quarter - 1)

    def __str__(self) -> str:
        return self.key


def month_of(date: PartialDate) -> Period | None:
    return Period(date.year, date.quarter, date.month) if date.month else None


def quarter_of(date: PartialDate) -> Period | None:
    return Period(date.year, date.quarter) if date.month else None


def parse_period(value) -> Period | None:
    """A Period for 'YYYY-MM' (a month) or 'YYYY-Qn' (a quarter), else None."""
    if not isinstance(value, str):
        return None
    match = _PERIOD.match(value.strip())
    if not match or int(match.group(1)) < 1:
        return None
    year = int(match.group(1))
    if match.group(2):
        month = int(match.group(2))
        if not 1 <= month <= 12:
            return None
        return Period(year, (month - 1) // 3 + 1, month)
    return Period(year, int(match.group(3)))
