import sys

from lossref.cli import main

sys.exit(main())
