/**
 * Changes of state written ahead. A <em>change</em> (a legal hold, a disposal step, a user or role
 * change) is made by one rule ({@link dev.strongroom.writeahead.WriteAhead}): its <em>intent</em> is
 * journaled, its catalog part commits with an <em>applied change</em> row, its <em>effect</em> runs,
 * its <em>completion</em> is journaled. The <em>subject</em> is what it changes; changes to one
 * subject run one at a time. The <em>replay</em> settles at start what a crash cut off; the
 * <em>rebuild</em> makes the catalog agree with the journal again. Each capability lists its kinds in
 * an enum ({@link dev.strongroom.writeahead.ChangeKind}) and does its part in a
 * {@link dev.strongroom.writeahead.ChangeHandler}.
 */
package dev.strongroom.writeahead;
