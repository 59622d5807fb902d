import { HttpException } from '@/exceptions/http.exception';
import type { User } from '@/interfaces/users.interface';
import { userModel } from '@/models/users.model';

export class UserService {
  public findAllUser(): User[] {
    return userModel;
  }

  public findUserById(userId: number): User {
    const user = userModel.find((u) => u.id === userId);
    if (!user) throw new HttpException(404, "User doesn't exist");
    return user;
  }

  public createUser(data: Omit<User, 'id'>): User {
    if (userModel.some((u) => u.email === data.email)) throw new HttpException(409, `This email ${data.email} already exists`);
    const user = { id: Math.max(0, ...userModel.map((u) => u.id)) + 1, ...data };
    userModel.push(user);
    return user;
  }

  public deleteUser(userId: number): User {
    const user = this.findUserById(userId);
    userModel.splice(userModel.indexOf(user), 1);
    return user;
  }
}
