"""The budgets the file readers check: aliases of :mod:`deterrence.games.limits`.

The budgets live in :mod:`deterrence.games.limits`, where one setting serves both the file
readers and :meth:`~deterrence.games.ExtensiveFormGame.to_normal_form`; change them there
(``deterrence.games.limits.MAX_PAYOFF_ENTRIES = ...``).
"""

from deterrence.games.limits import MAX_NESTING, MAX_PAYOFF_ENTRIES, check_payoff_entries

__all__ = ["MAX_PAYOFF_ENTRIES", "MAX_NESTING", "check_payoff_entries"]
