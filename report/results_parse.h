/* SPDX-License-Identifier: MIT */
/*
 * Parsing the text of a results file in one pass. A file of 10,000 cases holds millions of samples and a
 * few hundred thousand other values; as a jansson tree every sample would be a value of its own (about
 * 80 bytes and two allocations each). So the samples of each case (`cases[i].samples.<metric>`, arrays of
 * numbers) are read straight into arrays of doubles, and everything else becomes a jansson document as
 * before. The event parser is yajl's; the rules match what the jansson loader enforced: one top-level
 * value, no duplicate keys, nesting up to 2048, integers that fit 64 bits, finite reals, valid UTF-8.
 */
#ifndef SB_RESULTS_PARSE_H
#define SB_RESULTS_PARSE_H
#include <jansson.h>
#include <stddef.h>

/* One metric's samples of one case, in file order. */
struct sb_series {
	char *metric;
	double *v;
	size_t n, cap;
};

/* The series of one element of the "cases" array (none for an element that is not an object). */
struct sb_case_series {
	struct sb_series *s;
	size_t n, cap;
};

struct sb_parsed {
	/*
	 * The document without the series: a case's "samples" object keeps only members that are not arrays
	 * of numbers (so the checks that follow still see, and name, anything malformed there). Its values
	 * live in an arena (json_arena.h) when there is one: read-only, none kept past sb_parsed_free().
	 */
	json_t *doc;
	struct sb_json_arena *arena; /* NULL: the document is freed value by value */
	struct sb_case_series *cases; /* parallel to doc's "cases" array when it is the top-level one */
	size_t n_cases, cap_cases;
};

/*
 * Parse len bytes. 0, or -1 with a message in err (without the file's name): "truncated JSON (input ends
 * at line L): ..." or "not valid JSON at line L, column C: ...". out is then empty.
 */
int sb_results_parse(const char *buf, size_t len, struct sb_parsed *out, char *err, size_t errlen);

/*
 * The same in pieces, as a file is read: a parser writing into out, fed chunk after chunk (a token may
 * span two), then ended. feed and end return 0, or -1 with the message sb_results_parse gives, the line
 * and column counted over every chunk so far; the parser is then freed and out empty. Without an error,
 * end frees the parser; sb_results_parser_free drops one before its end (out to be freed by the caller).
 * new returns NULL when out of memory.
 */
struct sb_results_parser;
struct sb_results_parser *sb_results_parser_new(struct sb_parsed *out);
int sb_results_parser_feed(struct sb_results_parser *r, const char *chunk, size_t n, char *err, size_t errlen);
int sb_results_parser_end(struct sb_results_parser *r, char *err, size_t errlen);
void sb_results_parser_free(struct sb_results_parser *r);

/* The samples of metric in case i, or NULL (with *n = 0) when the case has none of it. */
const double *sb_parsed_series(const struct sb_parsed *p, size_t i, const char *metric, size_t *n);

void sb_parsed_free(struct sb_parsed *p);

#endif
