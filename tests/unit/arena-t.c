/* arena-t: the per-request arena and the growable buffer. */
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "tap.h"

static int	cleaned;

static void
cleanup(void *p)
{
	cleaned += *(int *)p;
}

int
main(void)
{
	struct arena	 a;
	struct buf	 b = { 0 };
	char		*s, *big;
	int		*p, one = 1, ten = 10, i, aligned = 1;

	plan(14);
	arena_init(&a);
	s = arena_strdup(&a, "hello");
	is_str(s, "hello", "strdup copies");
	is_str(arena_strndup(&a, "hello", 3), "hel", "strndup cuts");
	is_str(arena_printf(&a, "%d-%s", 42, "x"), "42-x", "printf formats");
	ok(arena_strdup(&a, NULL) == NULL, "strdup(NULL) is NULL");
	for (i = 0; i < 1000; i++) {
		p = arena_alloc(&a, (size_t)i % 37 + 1);
		if (((uintptr_t)p & 15) != 0)
			aligned = 0;
		memset(p, 0xab, (size_t)i % 37 + 1);
	}
	ok(aligned, "1000 allocations are 16-byte aligned");
	big = arena_alloc(&a, 1 << 20);
	ok(big != NULL, "a 1 MiB allocation succeeds");
	memset(big, 1, 1 << 20);
	ok(arena_calloc(&a, SIZE_MAX / 2, 4) == NULL, "calloc overflow fails");
	p = arena_calloc(&a, 8, sizeof(int));
	ok(p != NULL && p[0] == 0 && p[7] == 0, "calloc zeroes");
	arena_defer(&a, cleanup, &one);
	arena_defer(&a, cleanup, &ten);
	arena_reset(&a);
	is_int(cleaned, 11, "reset runs every deferred cleanup");
	is_int(a.total, 0, "reset empties the arena");
	arena_reset(&a);
	is_int(cleaned, 11, "cleanups run once");
	arena_free(&a);

	buf_puts(&b, "abc");
	buf_printf(&b, "%05d", 42);
	buf_putc(&b, '!');
	is_str(buf_cstr(&b), "abc00042!", "buffer appends");
	for (i = 0; i < 10000; i++)
		buf_puts(&b, "0123456789");
	is_int(b.len, 9 + 100000, "buffer grows");
	buf_clear(&b);
	is_str(buf_cstr(&b), "", "clear empties");
	buf_free(&b);
	return done();
}
