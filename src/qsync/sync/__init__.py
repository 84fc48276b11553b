"""``qsync sync``: the merge-back of site-only questions into the upstream file.

``urls`` and ``transform`` write a site question for upstream; ``placement`` picks its
section; ``edit`` makes the surgical edit (with ``references`` for "QN" prose) and checks it;
``plan`` ties them into a SyncPlan; ``pages`` plans whole pages from a diff; ``publish`` (with
``body``) opens or updates the pull request; ``run`` wires configuration and provenance.
"""
