/*
 * pgarchive_int.h
 *	  Internal to the archive reader (pgarchive.c, arc_toc.c, arc_data.c,
 *	  arc_script.c): pg_dump's constants, the archive and its TOC entries
 *	  as read, the byte reader, and the functions that cross from one
 *	  stage to the next.  pgarchive.h is the reader's public face.
 */
#ifndef PGB_PGARCHIVE_INT_H
#define PGB_PGARCHIVE_INT_H

#include "diag.h"
#include "pgb.h"

#include <stdio.h>

#define ARC_VERSION(maj, min, rev) (((maj)*256 + (min)) * 256 + (rev))
#define ARC_MIN_VERSION		   ARC_VERSION(1, 12, 0) /* pg_dump 9.6 */
#define ARC_MAX_VERSION		   ARC_VERSION(1, 16, 0) /* pg_dump 17, 18 */

/* Longer strings cannot come from pg_dump (a TOC field is one statement). */
#define ARC_MAX_STRING (256ll * 1024 * 1024)
/* toc.dat of a tar archive is held in memory while it is parsed. */
#define ARC_MAX_TOC_FILE (1024ll * 1024 * 1024)
/* Data is read and decompressed in pieces of this size. */
#define ARC_CHUNK (64 * 1024)

/* ArchiveFormat in pg_backup.h */
enum arc_format {
	FMT_CUSTOM = 1,
	FMT_TAR = 3,
	FMT_DIRECTORY = 5,
};

/* Data block types in a custom archive (pg_backup_custom.c) */
enum {
	BLK_DATA = 1,
	BLK_BLOBS = 3,
};

/* State of a custom archive's data offset (pg_backup_archiver.h) */
enum {
	OFF_POS_NOT_SET = 1, /* written to a pipe: the blocks follow in TOC order */
	OFF_POS_SET = 2,
	OFF_NO_DATA = 3,
};

/* pg_compress_algorithm, as the 1.15+ header stores it */
enum arc_comp {
	COMP_NONE = 0,
	COMP_GZIP = 1,
	COMP_LZ4 = 2,
	COMP_ZSTD = 3,
};

/* Indexed by enum arc_comp: "plain", "gzip", ...; in arc_data.c. */
extern const char *const arc_comp_names[COMP_ZSTD + 1];

/* How much of a table's first COPY data line an entry keeps (its first value). */
#define ARC_FIRST_ROW_MAX 128

/* One TOC entry; its strings are in the archive's arena. */
struct arc_entry {
	long long dump_id;
	bool had_dumper;
	const char *tag;
	const char *desc;
	const char *defn;
	const char *drop_stmt;
	const char *copy_stmt;
	const char *namespace;
	const char *tablespace; /* "" for the database's default, NULL for no relation */
	const char *tableam;	/* 1.14+: "heap" for tables, NULL for other entries */
	const char *owner;
	const char *filename; /* directory and tar: the data file, or NULL */
	int data_state;	      /* custom: OFF_* */
	long long data_pos;   /* custom: offset of the data block when OFF_POS_SET */
	bool data_seen;	      /* the data was found (and its rows counted) */
	long long rows;	      /* COPY data lines or INSERT rows, -1 when not known */
	char
	    first_row[ARC_FIRST_ROW_MAX + 1]; /* COPY: the first data line's start, when rows > 0 */
	bool first_is_value; /* INSERT data: first_row is the first row's first value */
};

/* The archive being read: its header, its entries, and the special ones. */
struct pgarchive {
	struct diags *d;  /* where problems are reported */
	const char *path; /* as given: what is opened */
	const char *name; /* in messages: the path, or "<stdin>" for a spooled pipe */
	enum arc_format format;
	struct arena *a; /* every string read from the archive */
	int version;
	int int_size;
	int off_size;
	enum arc_comp comp;
	const char *dump_time;
	const char *dbname;
	const char *server_version;
	const char *dump_version;
	struct ptrvec entries;	 /* struct arc_entry *, in archive order */
	const char *search_path; /* the SEARCHPATH entry's SQL, or NULL */
	const char *encoding;	 /* the ENCODING entry's SQL, or NULL */
	const char *std_strings; /* the STDSTRINGS entry's SQL, or NULL */
	size_t cursor;		 /* where arc_data.c's find_entry and entry_by_file look first */
};

/* A byte stream being parsed: a custom archive, toc.dat, or toc.dat in memory. */
struct reader {
	FILE *f;
	const char *file; /* name in messages */
	long long size;	  /* bytes in the stream */
	const struct pgarchive *ar;
	char where[96]; /* what is being read: "the header", "TOC entry 12" */
	bool failed;
};

/* arc_toc.c: messages and the reader's primitives. */

/* A location naming only the file. */
struct loc arc_file_loc(const char *file);
/* Offset of the next byte `r` reads. */
long long arc_rd_pos(const struct reader *r);
/* Report the first problem only (with r->where and the offset); returns false. */
bool arc_rd_fail(struct reader *r, const char *fmt, ...) PGB_PRINTF(2, 3);
/* "TABLE DATA public.users" for messages; a static buffer, valid until the next call. */
const char *arc_entry_name(const struct arc_entry *e);
/* Exactly n bytes into buf, else a failure naming `what`. */
bool arc_rd_bytes(struct reader *r, void *buf, size_t n, const char *what);
/* ReadInt: a sign byte, then intSize bytes, least significant first. */
bool arc_rd_int(struct reader *r, long long *out, const char *what);
/* ReadHead into ar (version, sizes, compression, time, database, versions). */
bool arc_read_head(struct reader *r, struct pgarchive *ar);
/* ReadToc: the entries into ar->entries, their strings in ar->a. */
bool arc_read_toc(struct reader *r, struct pgarchive *ar);

/* arc_data.c: read an archive of each format (header, TOC, row counts). */

/* Data we count rows for: a table's COPY or INSERT data (not large objects). */
bool arc_counts_rows(const struct arc_entry *e);
/* A custom archive: ar->path is the file. */
bool arc_read_custom(struct pgarchive *ar);
/* A directory archive: ar->path holds toc.dat and the data files. */
bool arc_read_directory(struct pgarchive *ar);
/* A tar archive, through libarchive. */
bool arc_read_tar(struct pgarchive *ar);

/*
 * Where in the script each query that `pg_restore -d` sends on its own
 * begins: an entry's header and definition, its OWNER TO, a SET, a COPY.
 * The server parses each whole, so quoting never runs from one into the
 * next.  `e` is the entry the query comes from, NULL for the script's own.
 */
struct arc_cut {
	size_t off;
	const struct arc_entry *e;
};

struct arc_cuts {
	struct arc_cut *v;
	size_t n, cap;
};

/*
 * arc_script.c: the script `pg_restore -f - ARCHIVE` would print, appended
 * to sb; the queries' starts are appended to cuts (the caller frees cuts->v).
 */
void arc_render_script(const struct pgarchive *ar, struct strbuf *sb, struct arc_cuts *cuts);

#endif /* PGB_PGARCHIVE_INT_H */
