"""Figure 5: what ``wait_for_task`` spends on tasks that take 2 s, 30 s and 300 s.

Requests sent and the time from the task's completion to the waiter noticing it, against
polling once a second (the same waiter with a fixed 1 s schedule). A loopback server answers
from a simulated clock that the waiter's sleeps advance, so a 300 s task takes milliseconds.
"""

import json
import subprocess
import sys
import threading
import types
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from .parsing import TASK_BODY
from .table import Row

TASK_DURATIONS = (2.0, 30.0, 300.0)


class SimulatedClock:
    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += max(seconds, 0.0)


def measure_waiting(package_dir: Path) -> list[Row]:
    """Rows of requests and detection delay per task duration; in a fresh interpreter."""
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.waiting", str(package_dir)],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = []
    for figures in json.loads(completed.stdout):
        duration = f"{figures['duration']:g} s task"
        rows.append(
            Row(
                "wait_for_task requests",
                duration,
                figures["requests"],
                "poll every 1 s",
                figures["baseline_requests"],
                "req",
                None,
            )
        )
        rows.append(Row("wait_for_task noticed after", duration, figures["delay"],
                        "poll every 1 s", figures["baseline_delay"], "s", None))  # fmt: skip
    return rows


def _simulate(duration: float) -> dict[str, float]:
    import onetsolutions
    from onetsolutions import AuthenticatedClient, PollSchedule, wait_for_task

    outcomes = {}
    for name, schedule in (
        ("ours", onetsolutions.PollSchedule()),
        ("baseline", PollSchedule(first=1.0, multiplier=1.0, maximum=1.0)),
    ):
        clock = SimulatedClock()
        _use_clock(clock)
        server, requests = _task_server(clock, duration)
        base_url = f"http://127.0.0.1:{server.server_address[1]}"
        with AuthenticatedClient(
            base_url=base_url, token="sk-onetsolutions-bench", rate_limit=None
        ) as client:
            wait_for_task(
                client,
                organization_id=uuid.uuid4(),
                project_id=uuid.uuid4(),
                instance_id=uuid.uuid4(),
                task_id=uuid.uuid4(),
                timeout=None,
                poll=schedule,
            )
        server.shutdown()
        outcomes[name] = (float(requests[0]), clock.now - duration)

    return {
        "duration": duration,
        "requests": outcomes["ours"][0],
        "delay": outcomes["ours"][1],
        "baseline_requests": outcomes["baseline"][0],
        "baseline_delay": outcomes["baseline"][1],
    }


def _use_clock(clock: SimulatedClock) -> None:
    """Point the waiter's and the deadline's idea of time at ``clock``."""
    from onetsolutions import _deadline, _tasks

    simulated_time = types.SimpleNamespace(monotonic=clock.monotonic, sleep=clock.sleep)
    setattr(_tasks, "time", simulated_time)  # noqa: B010 - replacing a module's import
    setattr(_deadline, "time", simulated_time)  # noqa: B010


def _task_server(clock: SimulatedClock, duration: float) -> tuple[ThreadingHTTPServer, list[int]]:
    requests = [0]

    class TaskHandler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests[0] += 1
            status = "completed" if clock.now >= duration else "running"
            body = json.dumps({**TASK_BODY, "status": status}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), TaskHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, requests


if __name__ == "__main__":
    sys.path.insert(0, str(Path(sys.argv[1]).parent))
    print(json.dumps([_simulate(duration) for duration in TASK_DURATIONS]))
