"""End-to-end convergence: small MLPs trained with each registry loss (`lossref convergence`,
suites/test_convergence.py)."""
