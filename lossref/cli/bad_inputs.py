"""`lossref bad-inputs`: survey bad inputs on this backend, or merge surveys into the Markdown table."""

import json


def cmd_bad_inputs(args):
    """--json FILE: survey this backend; --merge FILES: the Markdown table from several backends' surveys."""
    from lossref import bad_inputs

    if args.merge:
        surveys = {}
        for path in args.merge:
            with open(path) as handle:
                data = json.load(handle)
            surveys[data["backend"]] = data["rows"]
        print(bad_inputs.markdown(surveys))
        return 0
    import keras

    rows = bad_inputs.survey()
    text = json.dumps({"backend": keras.backend.backend(), "rows": rows}, indent=1)
    if args.json:
        with open(args.json, "w") as handle:
            handle.write(text)
    else:
        print(text)
    return 0
