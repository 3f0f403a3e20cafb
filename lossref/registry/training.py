"""Convergence runs per loss (the `training` field of each spec): a task that suits the loss, the output head,
the budget, and the bars. Every loss has a run; the seed documents' own examples are runs labelled by seed.

Bars were set from the full run on all three backends with a margin below the worst of them (the README's
convergence table shows the values reached); `fall` is the share of the gap to the loss's infimum that may
remain after training. Runs marked slow are left to the thorough profile.
"""

from lossref.registry.spec import Training as T

_SEED_000 = "seed 000's model: Dense(16, relu) → Dense(1, sigmoid), Adam; the seed's own labels "\
    "(np.random.randint(0, 1)) are all 0, so the bundled breast-cancer set stands in"

# diabetes: 331 training samples overfit a 16-unit MLP at Adam(0.01); least squares reaches R² 0.37 held out
_DIABETES = {"learning_rate": 0.003, "epochs": 20}

RUNS = {
    "mean_squared_error": (T("diabetes", bar=0.3, **_DIABETES),),
    "mean_absolute_error": (T("diabetes", bar=0.3, **_DIABETES),),
    "mean_absolute_percentage_error": (T("diabetes_positive", bar=0.2, fall=0.7, head="softplus"),),
    "mean_squared_logarithmic_error": (T("diabetes_positive", bar=0.3, head="softplus"),),
    "cosine_similarity": (T("directions", bar=0.9, floor=-1.0, fall=0.2),),
    "huber": (
        T("diabetes", bar=0.3, **_DIABETES),
        T("diabetes", bar=0.3, **_DIABETES, params={"delta": 0.5}, form="closure", label="seed 003",
          note="seed 003's parametric Huber, a closure over its threshold (δ = 0.5), on a regression MLP; "
               "diabetes stands in for the airfoil self-noise set, which would need a download"),
    ),
    "log_cosh": (T("diabetes", bar=0.3, **_DIABETES),),
    "sum_squared_error": (T("breast_cancer", bar=0.9, head="sigmoid", label="seed 000", note=_SEED_000),),
    "mean_error": (
        T("diabetes_drift", bar=-1.0, floor=None, fall=1.0, optimizer="sgd", form="closure", label="seed 001",
          note="seed 001's my_loss = mean(p − t) with SGD: unbounded below, its gradient is the constant 1/N "
               "per output, so training only pushes every prediction down; the bar says it did"),
    ),
    "cosine_proximity": (T("directions", bar=0.9, floor=-0.25, fall=0.2),),  # −cos / 4 for 4-d targets
    "penalized_absolute_error": (
        T("line", bar=0.6, hidden=0, epochs=100, batch_size=1, learning_rate=0.001, fall=0.9, slow=True,
          label="seed 002", note="seed 002: one Dense(1) on X = rand(100, 1), y = 2X + N(0, 1), Adam(), "
                                 "100 epochs of batch size 1; the metric is the fitted line's largest gap to y = 2x"),
        T("diabetes", bar=0.3, **_DIABETES),
    ),
    "relative_rmse": (
        T("diabetes", bar=0.3, **_DIABETES, floor=-1.0, fall=0.8, label="seed 003",
          note="seed 003's CustomAccuracy on a regression MLP; it minimises the batch RMSE divided by the "
               "batch's mean(t²) (see the README)"),
    ),
    "hinge": (T("breast_cancer_signed", bar=0.9, head="tanh"),),
    "squared_hinge": (T("breast_cancer_signed", bar=0.9, head="tanh"),),
    "categorical_hinge": (T("iris", bar=0.85, epochs=40),),
    "kl_divergence": (T("iris", bar=0.85, head="softmax", epochs=40),),
    "poisson": (T("counts", bar=0.2, head="exponential", fall=0.9, floor=None),),
    "binary_crossentropy": (
        T("breast_cancer", bar=0.9, head="sigmoid", label="seed 000", note=_SEED_000),
        T("breast_cancer", bar=0.9, params={"from_logits": True, "label_smoothing": 0.1}),
    ),
    "binary_focal_crossentropy": (T("digits_attributes", bar=0.85, head="sigmoid", slow=True),),
    "categorical_crossentropy": (T("digits", bar=0.9, head="softmax", slow=True),
                                 T("iris", bar=0.85, params={"from_logits": True}, epochs=40)),
    "categorical_focal_crossentropy": (T("digits", bar=0.9, head="softmax", slow=True),),
    "sparse_categorical_crossentropy": (T("digits_sparse", bar=0.9, params={"from_logits": True}, slow=True),),
    "categorical_generalized_cross_entropy": (T("iris_sparse", bar=0.85, head="softmax", epochs=40),),
    "dice": (T("masks", bar=0.7, head="sigmoid", hidden=32),),
    "tversky": (T("masks", bar=0.7, head="sigmoid", hidden=32, params={"alpha": 0.3, "beta": 0.7}),),
    "circle": (T("digits_embeddings", bar=0.85, head="unit_norm", batch_size=64, hidden=32, slow=True),),
    "ctc": (T("sequences", bar=0.8, hidden=32, slow=True),),
}
