"""The ``policykg`` commands, one module per group; each turns options into a call and the answer into output.

``policykg.cli`` puts them together. The work is done below them: the ingestion
service (``policykg.ingestion``), the graph store (``policykg.graph``), the views
(``policykg.viz``).
"""
