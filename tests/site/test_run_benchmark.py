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


def test_sizes_are_sorted_whole_numbers_and_empty_means_none():
    assert run_benchmark.parse_sizes("20000, 2000,200000") == [2000, 20000, 200000]
    assert run_benchmark.parse_sizes("") == []
    with pytest.raises(CommandError, match="whole numbers"):
        run_benchmark.parse_sizes("2k")


def test_area_zip_codes_cover_the_sacramento_counties_and_only_north_san_joaquin():
    zip_codes = run_benchmark.area_zip_codes()
    assert {"95816", "95630", "95616", "95661", "95667", "95993", "95901"} <= set(zip_codes)
    assert "95240" in zip_codes  # Lodi, north San Joaquin
    assert "95204" not in zip_codes  # Stockton, south of it
    assert "94203" not in zip_codes  # a state-office ZIP code, not where anyone lives


def patient_mix(count=500, seed=1):
    return run_benchmark.patient_mix(
        count,
        seed,
        conditions=["ptsd", "anxiety"],
        treatments=["kap", "spravato"],
        plans=["aetna"],
        zip_codes=["95816", "95630"],
    )


def test_patient_mix_is_distinct_repeatable_searches_with_a_condition_and_a_zip_code():
    paths = patient_mix()
    assert len(paths) == len(set(paths)) == 500
    assert paths == patient_mix()
    assert paths != patient_mix(seed=2)
    for path in paths:
        assert path.startswith("/clinics/?condition=")
        assert "&near=95816" in path or "&near=95630" in path


def test_patient_mix_sometimes_adds_insurance_treatment_radius_and_accepting():
    joined = "\n".join(patient_mix())
    for part in ("insurance=aetna", "insurance=self-pay", "treatment=", "radius=", "accepting=1"):
        assert part in joined


def test_patient_mix_stops_when_the_searches_run_out():
    """Two conditions and one ZIP code cannot make a million distinct searches."""
    paths = run_benchmark.patient_mix(
        1_000_000, 1, conditions=["ptsd"], treatments=["kap"], plans=["aetna"], zip_codes=["95816"]
    )
    assert 0 < len(paths) < 1_000_000


def test_wrk_script_reads_the_paths_file_and_interleaves_threads(tmp_path):
    script = run_benchmark.MIX_LUA % {"paths": tmp_path / "paths.txt", "threads": 2}
    assert f'io.lines("{tmp_path / "paths.txt"}")' in script
    assert "position = position + 2" in script
    assert "%" not in script.replace("% #paths", "")


def test_scale_table_has_a_row_per_size():
    command = run_benchmark.Command()
    point = {
        "latency": {label: 10.0 for label, _ in run_benchmark.SCALE_SEARCHES},
        "memory": {"pss_mib": 300.0},
    }
    rows = command.scale_table([{**point, "size": 2000}, {**point, "size": 200_000}])
    assert rows[0].startswith("| Clinics |")
    assert rows[2].startswith("| 2,000 | 10.0 | 10.0 | 10.0 | 300 |")
    assert rows[3].startswith("| 200,000 |")


def test_scale_targets_compare_the_largest_size_with_the_smallest():
    command = run_benchmark.Command()
    mix = run_benchmark.Result("mix", "-", "mix", 200, rps=500, p99_ms=100, requests=5000)
    mix.ratio = 0.3
    small = {
        "size": 2000,
        "latency": {label: 10.0 for label, _ in run_benchmark.SCALE_SEARCHES},
        "memory": {"pss_mib": 300.0},
    }
    large = {**small, "size": 200_000, "latency": {**small["latency"]}}
    large["latency"]["Patient mix: distinct searches"] = 25.0
    verdicts = dict(command.new_targets(mix, [], [small, large]))
    growth = [ok for line, ok in verdicts.items() if line.startswith("Scale, Patient mix")]
    assert growth == [False]
    assert all(ok for line, ok in verdicts.items() if line.startswith("Scale, Search"))
    assert all(ok for line, ok in verdicts.items() if line.startswith("Patient mix"))
