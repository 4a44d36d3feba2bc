"""`python -m policykg`: the same command as `policykg`."""
from policykg.cli import app

app(prog_name="policykg")
