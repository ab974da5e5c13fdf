"""The `make bench` harness: its wrk parsing and its message when wrk is missing.

The benchmark itself is not run here; it takes minutes and needs a quiet machine.
"""

import pytest
from django.core.management import CommandError, call_command

from config.management.commands import run_benchmark

WRK_OUTPUT = """\
Running 10s test @ http://127.0.0.1:41234/clinics/?q=ketamine+depression
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    21.43ms    8.12ms 120.51ms   75.00%
    Req/Sec   374.80     40.12   470.00     70.00%
  Latency Distribution
     50%   19.87ms
     75%   24.10ms
     90%   31.02ms
     99%    1.05s
  7467 requests in 10.01s, 180.12MB read
  Socket errors: connect 0, read 0, write 0, timeout 3
  Non-2xx or 3xx responses: 12
Requests/sec:    746.02
Transfer/sec:     18.00MB
"""


def test_parse_wrk_reads_throughput_percentiles_and_errors():
    parsed = run_benchmark.parse_wrk(WRK_OUTPUT)
    assert parsed["rps"] == pytest.approx(746.02)
    assert parsed["p50_ms"] == pytest.approx(19.87)
    assert parsed["p99_ms"] == pytest.approx(1050.0)
    assert parsed["requests"] == 7467
    assert parsed["bad"] == 12
    assert parsed["errors"] == 3


def test_parse_wrk_converts_microseconds():
    parsed = run_benchmark.parse_wrk("     50%  850.00us\n     99%    2.50ms\n")
    assert parsed["p50_ms"] == pytest.approx(0.85)
    assert parsed["p99_ms"] == pytest.approx(2.5)


def test_benchmark_without_wrk_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(run_benchmark.shutil, "which", lambda name: None)
    with pytest.raises(CommandError, match="apt-get install wrk"):
        call_command("run_benchmark")
