/*
 * template.cc: the one C++ file, a C interface over Google ctemplate.
 *
 * Templates are read from one directory, loaded once per process (and
 * checked then, so a broken template stops the program at start, not on
 * a request), and expanded with STRIP_BLANK_LINES (STRIP_WHITESPACE
 * would mangle <pre>).  A dictionary belongs to a request: tpl_new()
 * registers its deletion with the request's arena.
 */
#include <cstdio>
#include <cstring>
#include <new>
#include <string>

#include <ctemplate/template.h>
#include <ctemplate/template_emitter.h>

extern "C" {
#include "arena.h"
#include "template.h"
}

using ctemplate::TemplateDictionary;
using ctemplate::TemplateString;

/* Our handle is the dictionary itself. */
static inline TemplateDictionary *
D(struct tpl *t)
{
	return reinterpret_cast<TemplateDictionary *>(t);
}

static inline struct tpl *
T(TemplateDictionary *d)
{
	return reinterpret_cast<struct tpl *>(d);
}

/* Expand straight into our buffer, with no std::string in between. */
class BufEmitter : public ctemplate::ExpandEmitter {
	struct buf	*b_;
public:
	explicit BufEmitter(struct buf *b) : b_(b) {}
	void Emit(char c) { buf_putc(b_, c); }
	void Emit(const std::string &s) { buf_append(b_, s.data(), s.size()); }
	void Emit(const char *s) { buf_puts(b_, s); }
	void Emit(const char *s, size_t n) { buf_append(b_, s, n); }
};

/*
 * Use templates from dir.  Returns QA_ESYS if dir cannot be set.
 */
extern "C" enum qa_err
tpl_init(const char *dir)
{
	std::string	 d(dir);

	if (!d.empty() && d[d.size() - 1] != '/')
		d += '/';
	if (!ctemplate::mutable_default_template_cache()->
	    SetTemplateRootDirectory(d)) {
		fprintf(stderr, "template: cannot use directory %s\n", dir);
		return QA_ESYS;
	}
	return QA_OK;
}

/*
 * Load and parse one template now (ctemplate logs its own errors to
 * stderr).  QA_ENOTFOUND if it is missing or does not parse.
 */
extern "C" enum qa_err
tpl_load(const char *name)
{
	if (!ctemplate::LoadTemplate(name, ctemplate::STRIP_BLANK_LINES)) {
		fprintf(stderr, "template: cannot load %s\n", name);
		return QA_ENOTFOUND;
	}
	return QA_OK;
}

/* Forget every loaded template (at exit, so valgrind sees no leak). */
extern "C" void
tpl_fini(void)
{
	ctemplate::mutable_default_template_cache()->ClearCache();
}

static void
dict_delete(void *p)
{
	delete static_cast<TemplateDictionary *>(p);
}

/*
 * A new top-level dictionary, deleted when the arena is reset.  NULL if
 * out of memory.
 */
extern "C" struct tpl *
tpl_new(struct arena *a)
{
	TemplateDictionary	*d;

	d = new (std::nothrow) TemplateDictionary("page");
	if (d == NULL)
		return NULL;
	if (arena_defer(a, dict_delete, d) != 0)
		return NULL;
	return T(d);
}

/* Set a variable; a NULL value sets the empty string. */
extern "C" void
tpl_set(struct tpl *t, const char *key, const char *val)
{
	D(t)->SetValue(key, val != NULL ? val : "");
}

/* Set a variable from len bytes of val. */
extern "C" void
tpl_setn(struct tpl *t, const char *key, const char *val, size_t len)
{
	D(t)->SetValue(key, TemplateString(val, len));
}

extern "C" void
tpl_set_int(struct tpl *t, const char *key, int64_t v)
{
	char	 s[24];

	snprintf(s, sizeof(s), "%lld", (long long)v);
	D(t)->SetValue(key, s);
}

/* Set a value that every template of the expansion sees (the layout's). */
extern "C" void
tpl_set_global(struct tpl *t, const char *key, const char *val)
{
	D(t)->SetTemplateGlobalValue(key, val != NULL ? val : "");
}

/* Show a section once (a conditional block). */
extern "C" void
tpl_show(struct tpl *t, const char *section)
{
	D(t)->ShowSection(section);
}

/* Add one row of a repeated section; returns its dictionary. */
extern "C" struct tpl *
tpl_add(struct tpl *t, const char *section)
{
	return T(D(t)->AddSectionDictionary(section));
}

/* Fill the include {{>name}} with file; returns its dictionary. */
extern "C" struct tpl *
tpl_include(struct tpl *t, const char *name, const char *file)
{
	TemplateDictionary	*d = D(t)->AddIncludeDictionary(name);

	d->SetFilename(file);
	return T(d);
}

/*
 * Expand file with t, appending to out.  QA_ESYS if the template is
 * missing or broken, or the buffer ran out of memory.
 */
extern "C" enum qa_err
tpl_render(const char *file, struct tpl *t, struct buf *out)
{
	BufEmitter	 em(out);

	if (!ctemplate::ExpandTemplate(file, ctemplate::STRIP_BLANK_LINES,
	    D(t), &em)) {
		fprintf(stderr, "template: cannot expand %s\n", file);
		return QA_ESYS;
	}
	return out->oom ? QA_ESYS : QA_OK;
}
