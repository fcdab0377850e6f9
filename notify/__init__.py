"""Messages rhythm sends to people: e-mail over SMTP (`mail.py`).

Flask-free on purpose: the web app sends sign-up, invitation and password links with it, and
jobs outside a request (the scheduler's weekly plan e-mails, the command line) use the same
settings and the same mailer.
"""
