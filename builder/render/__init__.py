"""STAGE 3: Jinja, Norwegian formatting, messages, chart figures, downloads, bulk files and feeds."""
