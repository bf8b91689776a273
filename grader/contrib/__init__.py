"""The grader run by other engines: Gradescope, GitHub Actions, GNU parallel.

Each engine gets a ready-made entry point here, built on the grader's own
JSON report and batch build, so a course can use the engine it has without
writing glue (README.md beside this file).
"""
