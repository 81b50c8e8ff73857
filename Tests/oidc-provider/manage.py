#!/usr/bin/env python3
"""Django's command line for the throw-away OpenID provider (see serve.py for the usual way in)."""
import os
import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "idp.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
