from qsync.cli import main

main()
