"""Placeholder until its issue lands."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer, Header, Static

from .base import EventScreen


class CeremonyScreen(EventScreen):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Chức năng này đang được xây dựng.")
        yield Footer()
