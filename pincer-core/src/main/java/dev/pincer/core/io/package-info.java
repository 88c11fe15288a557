/** File primitives shared by every layer: atomic replacement of small files. */
package dev.pincer.core.io;
