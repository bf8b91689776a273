#if YSOS_LAB >= 6
/*
 * storage.h - everything the kernel needs from pkg/storage in one include:
 * block devices, partitions (MBR), FAT16 volumes and file handles.
 */
#ifndef STORAGE_STORAGE_H
#define STORAGE_STORAGE_H

#include "storage/block.h"
#include "storage/device.h"
#include "storage/error.h"
#include "storage/metadata.h"
#include "storage/filesystem.h"
#include "storage/partition.h"
#include "storage/mbr.h"
#include "storage/fat16.h"
#include "storage/filehandle.h"

#endif
#endif
