package io.filestore.domain;

/** An upload into a collection: the file, plus the title and description that become its metadata. */
public record NewCollectionFile(NewFile file, String title, String description) {}
