"""YSOS-C grader: boots the OS in QEMU, drives the serial console with
pexpect and checks what a student's build prints, lab by lab.

Run it from the repository root:  /usr/bin/python3 -m grader --help
Module map:
  settings.py  config.toml ([grader], [qemu]) through scripts/config.py
  markers.py   the contract strings (log lines the loader and kernel print)
  ansi.py      strips terminal escape codes from the serial stream
  bootconf.py  edits a boot.conf, remembering line numbers
  esp.py       a throw-away copy of the ESP per machine
  machine.py   one QEMU under pexpect: expect / send_line / run_command / ps
  cleanup.py   no QEMU survives the grader (atexit, SIGINT, SIGTERM)
  registry.py  test declaration (@test) and selection (--lab, -k)
  runner.py    boots one machine per boot configuration, runs its tests
  score.py     per-lab score from config.toml [grader.weights]
  report.py    PASS/FAIL lines, JUnit XML, JSON
  batch.py     --submissions: build and grade many copies, --shard K/N
  gradebook.py grades.json (write, read, merge) and grades.csv's rows
  gradepage.py grades.html: histograms, pass rates, failing tests' logs
  merge.py     `python3 -m grader merge OUTDIR FILE.json...`
  progress.py  the batch's live progress line and ETA
  ps.py        parser for the shell's `ps` table (SPEC section 7)
  suites/      the tests themselves, one file per topic
"""
