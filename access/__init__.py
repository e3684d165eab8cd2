"""Who is signed in: local accounts with hashed passwords and lockout (:mod:`access.accounts`),
the session's user in Streamlit, by password or by an identity provider
(:mod:`access.session`), and the command line that manages accounts (``python -m access``).

Roles and what each may do are :mod:`userdata.roles` (the store checks them on every action).
"""
