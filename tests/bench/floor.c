/*
 * floor.c - the FastCGI floor for bin/bench: the least a FastCGI program
 * can do under the same lighttpd (libfcgi's fcgiapp accept loop answering
 * a fixed JSON body), so that the heartbeat's requests/s can be read as a
 * fraction of what the web server and the FastCGI protocol allow.
 * Not part of the product; bin/bench builds it into build/bench/.
 */
#include <fcgiapp.h>

int main(void)
{
	static const char reply[] = "Status: 200 OK\r\n"
				    "Content-Type: application/json\r\n"
				    "\r\n"
				    "{\"status\":0,\"message\":\"ok\"}";
	FCGX_Request req;

	if (FCGX_Init() != 0 || FCGX_InitRequest(&req, 0, 0) != 0)
		return 1;
	while (FCGX_Accept_r(&req) >= 0) {
		FCGX_PutStr(reply, (int)(sizeof reply - 1), req.out);
		FCGX_Finish_r(&req);
	}
	return 0;
}
