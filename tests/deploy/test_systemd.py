"""deploy/systemd: the units systemd would load, a timer for every periodic command, and
commands that exist with the arguments given.

`systemd-analyze verify` works without systemd as PID 1 (this machine, CI containers); it
checks every unit, its drop-ins and that the programs in Exec lines are executable. The units
name /srv/sikoportal; the copy that is verified points that at a directory whose .venv is the
virtual environment running these tests. Any output of verify (even a warning such as an
unknown key) fails the test.
"""

from __future__ import annotations

import configparser
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class

from .conftest import APP_DIR, DEPLOY, SYSTEMD, require_tool

# Every command the README names for cron/systemd timers, with its arguments (README "Einrichtung",
# "Newsletter → Betrieb"): timer unit -> manage.py arguments.
PERIODIC = {
    "sikoportal-expire-applications": "expire_applications",
    "sikoportal-clearsessions": "clearsessions",
    "sikoportal-notifications": "send_notifications",
    "sikoportal-access-reviews": "run_access_reviews",
    "sikoportal-review-reminders": "send_review_reminders",
    "sikoportal-dokumente-orphans": "dokumente_orphans --delete",
    "sikoportal-dokumente-extract": "dokumente_extract",
    "sikoportal-newsletter-cleanup": "newsletter_cleanup",
    "sikoportal-prune-task-results": "prune_db_task_results --min-age-days 30",
    "sikoportal-audit-prune": "audit_prune",
    "sikoportal-recertify-accounts": "recertify_accounts",
    "sikoportal-zustaendigkeiten-reminders": "remind_zustaendigkeiten",
    "sikoportal-backup": "backup",
}
# The exposure score of `systemd-analyze security` (0 = locked down, 10 = unprotected).
MAX_EXPOSURE = 2.0


def units(pattern: str = "*") -> list[Path]:
    return sorted(path for path in SYSTEMD.glob(pattern) if path.suffix in (".service", ".timer"))


def read_unit(path: Path) -> configparser.RawConfigParser:
    parser = configparser.RawConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser


def exec_lines(path: Path) -> list[list[str]]:
    return [
        shlex.split(line.split("=", 1)[1])
        for line in path.read_text().splitlines()
        if re.match(r"Exec(Start|StartPre|StartPost|Reload)=", line)
    ]


@pytest.fixture(scope="module")
def verified_copy(tmp_path_factory) -> Path:
    """deploy/systemd with /srv/sikoportal -> a directory whose .venv is this test run's."""
    root = tmp_path_factory.mktemp("systemd")
    app = root / "app"
    app.mkdir()
    (app / ".venv").symlink_to(Path(sys.prefix))
    copy = root / "units"
    for source in SYSTEMD.rglob("*"):
        if source.is_file():
            target = copy / source.relative_to(SYSTEMD)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(source.read_text().replace(APP_DIR, str(app)))
    return copy


def test_systemd_analyze_verify(verified_copy):
    systemd_analyze = require_tool("systemd-analyze", "systemd")
    names = [path.name for path in units()]
    result = subprocess.run(
        [systemd_analyze, "verify", "--man=no", *names],
        cwd=verified_copy,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = (result.stdout + result.stderr).strip()
    assert result.returncode == 0 and not output, output


@pytest.mark.parametrize(
    "name",
    [
        "sikoportal-web.service",
        "sikoportal-worker.service",
        "sikoportal-worker-extraction.service",
        "sikoportal-clearsessions.service",
    ],
)
def test_hardening(verified_copy, name):
    systemd_analyze = require_tool("systemd-analyze", "systemd")
    result = subprocess.run(
        [systemd_analyze, "security", "--offline=true", "--no-pager", name],
        cwd=verified_copy,
        capture_output=True,
        text=True,
        timeout=60,
    )
    found = re.search(r"Overall exposure level for \S+: ([\d.]+)", result.stdout)
    assert found, result.stdout + result.stderr
    assert float(found.group(1)) <= MAX_EXPOSURE, result.stdout


def test_every_periodic_command_has_a_persistent_timer():
    timers = {path.stem for path in units("*.timer")}
    assert timers == set(PERIODIC)
    for name, command in PERIODIC.items():
        timer = read_unit(SYSTEMD / f"{name}.timer")
        assert timer["Timer"]["Unit"] == f"{name}.service"
        assert timer["Timer"]["OnCalendar"]
        assert timer["Timer"]["Persistent"] == "true"
        assert timer["Timer"]["RandomizedDelaySec"]
        assert timer["Install"]["WantedBy"] == "timers.target"
        service = SYSTEMD / f"{name}.service"
        assert read_unit(service)["Service"]["Type"] == "oneshot"
        assert exec_lines(service) == [[f"{APP_DIR}/.venv/bin/python", "manage.py", *command.split()]]


def test_every_unit_gets_the_common_settings():
    """The drop-in directory sikoportal-.service.d applies to every service named sikoportal-*."""
    dropin = read_unit(SYSTEMD / "sikoportal-.service.d" / "10-sikoportal.conf")["Service"]
    assert dropin["User"] == "siko"
    assert dropin["WorkingDirectory"] == APP_DIR
    assert dropin["EnvironmentFile"] == "/etc/sikoportal/env"
    assert dropin["ProtectSystem"] == "strict"
    assert dropin["NoNewPrivileges"] == "yes"
    assert dropin["PrivateTmp"] == "yes"
    assert dropin["ProtectHome"] == "yes"
    env = (DEPLOY / "env.example").read_text()
    media = re.search(r"^SIKO_MEDIA_ROOT=(.+)$", env, re.MULTILINE).group(1)
    assert dropin["ReadWritePaths"] == media
    for path in units("*.service"):
        assert path.name.startswith("sikoportal-"), path.name
        # Nothing that the drop-in sets is set again (one place to read what a unit runs with).
        assert not set(read_unit(path)["Service"]) & {"User", "EnvironmentFile", "WorkingDirectory"}, path.name


def test_commands_exist_and_accept_their_arguments(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.SIKO_TASK_QUEUES}}
    commands = get_commands()
    for path in units("*.service"):
        for argv in exec_lines(path):
            if argv[:1] == ["/bin/kill"]:
                continue
            assert argv[0].startswith(f"{APP_DIR}/.venv/bin/"), (path.name, argv)
            if "manage.py" not in argv:
                continue
            name, *args = argv[argv.index("manage.py") + 1 :]
            assert name in commands, (path.name, name)
            command = load_command_class(commands[name], name)
            command.create_parser("manage.py", name).parse_args(args)  # SystemExit on a wrong option


def test_web_unit_runs_gunicorn_with_the_shipped_config():
    (argv,) = [line for line in exec_lines(SYSTEMD / "sikoportal-web.service") if "gunicorn" in line[0]]
    config = argv[argv.index("--config") + 1]
    assert config == f"{APP_DIR}/deploy/gunicorn.conf.py"
    assert (DEPLOY / "gunicorn.conf.py").is_file()
    assert argv[-1] == "sikoportal.wsgi"


def test_worker_resumes_newsletters_and_starts_the_heartbeat():
    service = read_unit(SYSTEMD / "sikoportal-worker.service")["Service"]
    pre = [argv[2:] for argv in exec_lines(SYSTEMD / "sikoportal-worker.service") if argv[2:3] != ["db_worker"]]
    assert pre == [["newsletter_resume"], ["worker_heartbeat"]]
    assert "db_worker --no-reload --queue-name default,mail" in service["ExecStart"]
    assert service["Restart"] == "always"


def test_every_queue_has_exactly_one_worker_unit(settings):
    """A slow PDF never delays a mail: extraction runs in a worker of its own."""
    served = []
    for path in units("sikoportal-worker*.service"):
        (start,) = [argv for argv in exec_lines(path) if "db_worker" in argv]
        served += start[start.index("--queue-name") + 1].split(",")
        assert read_unit(path)["Service"]["Restart"] == "always"
    assert sorted(served) == sorted(settings.SIKO_TASK_QUEUES)
    extraction = [argv[2:] for argv in exec_lines(SYSTEMD / "sikoportal-worker-extraction.service")]
    assert extraction[0] == ["worker_heartbeat"]
    assert extraction[1][-2:] == ["--queue-name", "extraction"]
