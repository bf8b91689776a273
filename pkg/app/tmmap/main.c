/*
 * tmmap - newlib's testsuite/newlib.elix/tmmap.c, ported to YSOS-C (lab
 * 0x08 extension). The original creates "my.file", writes "abcdefgh",
 * maps it MAP_SHARED read-write, sets x[3] = 'j', unmaps it and reads the
 * file back as "abcjefgh". FAT16 here is read-only, so (docs/userland.md
 * "mmap", "tmmap"):
 *   - the writable shared file becomes an anonymous MAP_SHARED mapping
 *     that a forked child (VFork) writes and the parent reads back;
 *   - the file part becomes a read-only MAP_PRIVATE mapping of a real file
 *     (this program's own ELF), compared with what fopen/fread read.
 * check.h is newlib's testsuite/include/check.h, unchanged. The last line,
 * `tmmap: passed`, is ours (the grader waits for it).
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

#define FILE_PATH "/APP/tmmap"

int main()
{
  int fd;
  char *x;
  FILE *fp;
  char buf[40];
  pid_t pid;
  int status;

  /* Shared and writable: anonymous, shared with a forked child. */
  x = (char *)mmap (0, 20, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

  CHECK (x != MAP_FAILED);

  memcpy (x, "abcdefgh", 8);

  pid = fork ();
  if (pid == 0)
    {
      x[3] = 'j';
      _exit (0);
    }

  CHECK (pid > 0);

  CHECK (waitpid (pid, &status, 0) == pid && status == 0);

  CHECK (strncmp (x, "abcjefgh", 8) == 0);

  CHECK (munmap (x, 20) == 0);

  /* A file: read-only, private, read back through stdio. */
  fd = open (FILE_PATH, O_RDONLY);

  CHECK (fd != -1);

  x = (char *)mmap (0, 20, PROT_READ, MAP_PRIVATE, fd, 0);

  CHECK (x != MAP_FAILED);

  CHECK (close(fd) != -1);

  fp = fopen(FILE_PATH,"r");

  CHECK (fp != NULL);

  CHECK (fread(buf, 1, 20, fp) == 20);

  CHECK (memcmp (buf, x, 20) == 0 && strncmp (buf, "\177ELF", 4) == 0);

  CHECK (munmap (x, 20) == 0);

  CHECK (fclose (fp) == 0);

  printf ("tmmap: passed\n");
  exit (0);
}
