# tests/cli/t_load.sh
#	The loader, sourced by tests/cli/run.sh (its helpers and $T): what
#	fails on this machine rather than in the dump exits 1, not 2.

# The copy of an archive piped on stdin cannot be written (a file size limit
# stands in for a full disk: the write fails with EFBIG): status 1, said, and
# no copy left; the same archive with room to spare reads fine.
if [ "${VALGRIND:-}" = 1 ]; then
	echo "skip - a piped archive whose copy cannot be written: VALGRIND=1"
else
	begin "a piped archive whose copy cannot be written: exit 1, no copy left"
	rm -rf load-spool && mkdir load-spool
	(
		ulimit -f 1 # 512 bytes: less than the archive
		trap '' XFSZ
		TMPDIR=$PWD/load-spool exec timeout -k 5 "$TMO" "$BIN" inspect - \
			<"$REPO/tests/fuzz/corpus/archive/shop-custom" >out 2>err
	)
	ST=$?
	sanity
	status 1
	err_has '^[^:]*/load-spool/pgbaseline-stdin-[A-Za-z0-9]+: error: cannot write: File too large'
	[ -z "$(ls load-spool)" ] || problem "a copy was left behind: $(ls load-spool)"
	TMPDIR=$PWD/load-spool run_in "$REPO/tests/fuzz/corpus/archive/shop-custom" inspect -
	status 0
	out_has 'Tables'
	[ -z "$(ls load-spool)" ] || problem "a copy was left behind: $(ls load-spool)"
	end
fi
