// Blob container names: 3–63 characters, lowercase letters, digits and single hyphens, starting and ending with a
// letter or digit. A labels file's container name is used as is when it fits; otherwise one is made from the project.

export function isBlobContainerName(name: string): boolean {
  return /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(name);
}

export function blobContainerNameFor(projectName: string): string {
  const slug = projectName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return slug.length >= 3 ? slug : `${slug}-docs`.replace(/^-/, 'p-');
}
