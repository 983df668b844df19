"""A mail backend for unit tests: the in-memory outbox, plus a log of SMTP connections and
recipients the 'server' refuses or loses the connection on."""

from __future__ import annotations

import smtplib

from django.core.mail.backends import locmem

# One list per opened connection, holding the addresses sent over it.
connections: list[list[str]] = []
refused: set[str] = set()
disconnect_on: set[str] = set()
unreachable = False


def reset() -> None:
    connections.clear()
    refused.clear()
    disconnect_on.clear()
    global unreachable
    unreachable = False


class RecordingBackend(locmem.EmailBackend):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._log: list[str] | None = None

    def open(self) -> bool:
        if unreachable:
            raise ConnectionRefusedError(111, "Connection refused")
        self._log = []
        connections.append(self._log)
        return True

    def close(self) -> None:
        self._log = None

    def send_messages(self, messages) -> int:
        if self._log is None:  # used without open(): one connection for this call
            self.open()
            try:
                return self.send_messages(messages)
            finally:
                self.close()
        for message in messages:
            address = message.to[0]
            if address in refused:
                raise smtplib.SMTPRecipientsRefused({address: (550, b"5.1.1 Postfach unbekannt")})
            if address in disconnect_on:
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
            self._log.append(address)
        return super().send_messages(messages)
