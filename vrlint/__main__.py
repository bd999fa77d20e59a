from vrlint.cli import main

raise SystemExit(main())
