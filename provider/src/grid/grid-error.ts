// A failure of the grid flow, with a message meant for the user (the provider turns it into a
// diagnostic of the resource).
export class GridError extends Error {}
