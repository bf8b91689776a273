/*
 * args.h - splitting a command line into words (portable, host-tested).
 */
#ifndef SHELL_ARGS_H
#define SHELL_ARGS_H

/*
 * Split line in place at spaces and tabs. Stores pointers to the first
 * `max` words in argv and returns how many words there are in total (which
 * may be more than max: the caller can tell there were too many).
 */
int split_args(char *line, char **argv, int max);

#endif
