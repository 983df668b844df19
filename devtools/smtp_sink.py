"""A local SMTP server that swallows mail (aiosmtpd), for the worker test and the benchmark.

Never used in production. It can refuse recipients (like a real server answering 550) and
hold one message unanswered, so that a test can kill the sending worker at a moment when
the mail has provably not been accepted.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager


class Sink:
    def __init__(self, *, refuse: set[str] | None = None, keep: bool = True) -> None:
        self.refuse = {address.lower() for address in refuse or ()}
        self.keep = keep
        self.messages: list[tuple[list[str], bytes]] = []
        self.recipients: Counter[str] = Counter()
        self.data_commands = 0
        # The n-th DATA command is held without an answer until the client goes away.
        self.hold_at: int | None = None
        self.holding = threading.Event()
        self._lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address.lower() in self.refuse:
            return "550 5.1.1 Postfach unbekannt"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        with self._lock:
            self.data_commands += 1
            number = self.data_commands
        if number == self.hold_at:
            self.holding.set()
            # Cancelled when the client's connection is lost: the mail is never accepted.
            await asyncio.sleep(120)
            return "451 4.3.0 Zeitüberschreitung"
        with self._lock:
            self.recipients.update(address.lower() for address in envelope.rcpt_tos)
            if self.keep:
                self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 2.0.0 OK"

    @property
    def accepted(self) -> int:
        return sum(self.recipients.values())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running(sink: Sink, port: int | None = None) -> Iterator[int]:
    """Serve `sink` on 127.0.0.1 in a thread; yields the port."""
    from aiosmtpd.controller import Controller

    # aiosmtpd logs every SMTP command at INFO: thousands of lines, and time, per benchmark.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    port = port or free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port, data_size_limit=10 * 1024 * 1024)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()
