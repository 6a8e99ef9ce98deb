/*
 * hello: the smallest FastCGI program, for bench/run.  It answers every
 * request with the same short page, written as the site's programs write
 * theirs (Status, Content-Type and Content-Length, then the body, in one
 * FCGX_PutStr per request), and does nothing else: its rate behind
 * nginx is the ceiling of the FastCGI protocol itself, which the live
 * pages are measured against (DESIGN.md section 6).  Links only libfcgi;
 * built with the tree, never installed.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <fcgiapp.h>

#define BODY	"<!DOCTYPE html>\n<title>hello</title>\n<p>Hello, world.\n"

static volatile sig_atomic_t	 stopping;

/* SIGTERM and SIGINT: finish the request at hand, then leave. */
static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
	FCGX_ShutdownPending();
}

/*
 * Serve requests on the socket that spawn-fcgi gives as stdin until
 * told to stop; run as plain CGI (no FastCGI socket), answer the one
 * request on stdout.  Returns the exit status: 0, or 1 if the FastCGI
 * library cannot start.
 */
int
main(void)
{
	struct sigaction	 sa;
	FCGX_Request		 fr;
	char			 out[256];
	int			 n;

	n = snprintf(out, sizeof(out), "Status: 200 OK\r\n"
	    "Content-Type: text/html; charset=utf-8\r\n"
	    "Content-Length: %zu\r\n\r\n%s", sizeof(BODY) - 1, BODY);
	if (n < 0 || (size_t)n >= sizeof(out))
		return 1;

	if (FCGX_IsCGI()) {
		fwrite(out, 1, (size_t)n, stdout);
		return fflush(stdout) != 0;
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (FCGX_Init() != 0 || FCGX_InitRequest(&fr, 0, 0) != 0) {
		fputs("hello: FastCGI initialisation failed\n", stderr);
		return 1;
	}
	while (!stopping && FCGX_Accept_r(&fr) >= 0) {
		FCGX_PutStr(out, n, fr.out);
		FCGX_Finish_r(&fr);
	}
	FCGX_Free(&fr, 1);
	return 0;
}
